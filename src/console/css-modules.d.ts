// esbuild bundles imported stylesheets into the console's CSS file; they export nothing.
declare module '*.css';

import type { Route } from './use-hash-route.ts';

const links = [
  { href: '#/overview', label: 'Overview', pages: ['overview'] },
  { href: '#/requests', label: 'Requests', pages: ['requests', 'request'] },
  { href: '#/models', label: 'Models', pages: ['models'] },
  { href: '#/playground', label: 'Playground', pages: ['playground'] },
];

/** The banner with the navigation and the sign-out button. */
export function AppHeader({ route, onSignOut }: { route: Route; onSignOut: () => void }) {
  return (
    <header class="app-header">
      <span class="brand">sf-models-gateway</span>
      <nav aria-label="Console">
        <ul>
          {links.map((link) => (
            <li key={link.href}>
              <a href={link.href} aria-current={link.pages.includes(route.page) ? 'page' : undefined}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <button type="button" class="secondary" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}

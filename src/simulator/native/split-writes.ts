// An AWS event-stream prelude is 12 bytes: total length, headers length, prelude CRC.
const preludeLength = 12;

/**
 * Cuts one frame into one to three pieces at random offsets, so a client decoder meets frames split
 * across TCP reads. Half of the split frames are cut inside the prelude, the hardest case to buffer.
 */
export function splitAtRandomOffsets(bytes: Uint8Array, random: () => number): Uint8Array[] {
  const cuts = new Set<number>();
  const cutCount = Math.floor(random() * 3);
  for (let index = 0; index < cutCount && bytes.length > preludeLength + 1; index += 1) {
    const insidePrelude = random() < 0.5;
    const cut = insidePrelude
      ? 1 + Math.floor(random() * (preludeLength - 1))
      : preludeLength + Math.floor(random() * (bytes.length - preludeLength));
    cuts.add(cut);
  }
  const offsets = [0, ...[...cuts].sort((first, second) => first - second), bytes.length];
  return offsets.slice(1).map((end, index) => bytes.subarray(offsets[index], end));
}

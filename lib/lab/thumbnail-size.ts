// The sample gallery's thumbnails: drawn at most this wide (the cards are about 350 CSS px at most),
// so the page loads tens of kilobytes of pictures instead of the full sample files. Pure: the page
// sets each <img>'s width and height from it, and the server resizes to the same size.

export const THUMBNAIL_WIDTH = 400;

export function thumbnailSize(width: number, height: number): { width: number; height: number } {
  if (width <= THUMBNAIL_WIDTH) return { width, height };
  return { width: THUMBNAIL_WIDTH, height: Math.max(1, Math.round((height * THUMBNAIL_WIDTH) / width)) };
}

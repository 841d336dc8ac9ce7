/** Request header naming the nonce Next.js renders with (proxy.ts); only the guest page cache may set it. */
export const RENDER_NONCE_HEADER = "x-lesson-lab-render-nonce";

/**
 * Request header saying whether a session cookie came with the request ("member" or "guest"),
 * rendered as `<html data-reader>`; the front door sets it and removes any a client sent.
 */
export const READER_HEADER = "x-lesson-lab-reader";

/** Request header naming the nonce Next.js renders with (proxy.ts); only the guest page cache may set it. */
export const RENDER_NONCE_HEADER = "x-lesson-lab-render-nonce";

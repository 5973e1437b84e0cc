// Vitest runs lib code outside React's server graph; the real guard lives in the Next build.
export {};

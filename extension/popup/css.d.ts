// Vite bundles CSS imported for its side effect; this tells TypeScript the import is intended.
declare module '*.css'

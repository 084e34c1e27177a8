// The view library, in one place: Preact + hooks + htm (vendor/htm-preact.js, copied by `make console`).
export * from '../vendor/htm-preact.js';

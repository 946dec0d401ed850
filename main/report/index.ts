/** The evidence bundle and its verifier: the surface the CLI and the app use. */
export { writeBundle } from './bundle.ts';
export type { BundleRequest, BundleResult } from './bundle.ts';
export { verifyBundle } from './verify.ts';
export type { BundleProblem, BundleVerification } from './verify.ts';
export type { Manifest } from './manifest.ts';
export type { BundleFile } from './files.ts';
export { escapeHtml, showInvisible, zoomText } from './escape.ts';

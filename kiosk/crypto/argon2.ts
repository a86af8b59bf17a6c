/**
 * The two argon2 functions of hash-wasm the kiosk uses, as a module of its
 * own so it can be loaded on demand: a dynamic import of "hash-wasm" itself
 * would bring every algorithm of the package along.
 */
export { argon2id, argon2Verify } from "hash-wasm";

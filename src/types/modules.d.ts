// Types for modules that ship data without declarations.
// opencc-js ships its dictionaries as ES modules whose default export is "a b|c d|…".
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}

// @node-rs/jieba ships its default dictionary (dict.txt: "word freq tag" lines) without types.
declare module '@node-rs/jieba/dict.js' {
  export const dict: Buffer;
}

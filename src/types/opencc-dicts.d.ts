// opencc-js ships its dictionaries as ES modules whose default export is "a b|c d|…".
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}

// The JSON Schema of an exported Article, generated from the one zod type: it cannot
// drift from what the store keeps.
import { z } from 'zod';
import { Article } from '../article.js';

export function articleJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Article),
    $id: 'https://parallax.invalid/schema/article.json',
    title: 'Parallax Article',
    description: 'One news article as Parallax keeps it: outlet, dates (UTC instant, precision, local day, original string), text as paragraphs, provenance.',
  };
}

/** `articles.jsonl` → `articles.schema.json`: the schema beside the data it describes */
export function schemaPathFor(dataPath: string): string {
  return dataPath.replace(/(\.jsonl)?(\.gz)?$/, '') + '.schema.json';
}

// JSONL: one Article per line, its JSON Schema beside the file.
import { writeFileSync } from 'node:fs';
import { articleJsonSchema, schemaPathFor } from './schema.js';
import { selectedArticles } from './select.js';
import { finishReport, newReport, StreamFile, type ExportContext, type ExportReport } from './write.js';

export async function exportJsonl({ store, selection, out, progress }: ExportContext): Promise<ExportReport> {
  const report = newReport('jsonl', out);
  const file = new StreamFile(out);
  for await (const a of selectedArticles(store, selection)) {
    await file.write(JSON.stringify(a) + '\n');
    report.articles++;
    progress?.(report.articles);
  }
  await file.close();
  const schema = JSON.stringify(articleJsonSchema(), null, 2) + '\n';
  writeFileSync(schemaPathFor(out), schema);
  return finishReport({ ...report, files: 2, bytes: file.bytes + Buffer.byteLength(schema) });
}

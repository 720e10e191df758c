'use client';

import { useMemo, useState } from 'react';
import type { ArtifactHead, WireFileInfo } from '@/lib/api-client';
import { formatBytes } from '@/lib/format';
import { Markdown } from '@/components/ui/Markdown';
import { ErrorNote, Loading } from '@/components/ui/Notice';
import type { ArtifactSource } from './artifact-source';
import { CsvPreview } from './CsvPreview';
import { delimiterFor } from './csv';
import { ImagePreview } from './ImagePreview';
import { JsonTree } from './JsonTree';
import { KeyValueView } from './KeyValueView';
import { summarizeMlmodel } from './mlmodel';
import { MlmodelPreview } from './MlmodelPreview';
import { baseName, looksBinary, previewKind, type PreviewKind } from './preview-kind';
import { Hint, TextBlock, TruncatedNote, ViewSwitch } from './preview-parts';
import { useArtifactHead } from './use-artifact-head';
import { parseYamlSafe } from './yaml-safe';

const LINK =
  'inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800';

const KIND_LABEL: Record<PreviewKind, string> = {
  mlmodel: 'MLmodel',
  image: 'Image',
  json: 'JSON',
  yaml: 'YAML',
  csv: 'CSV',
  tsv: 'TSV',
  markdown: 'Markdown',
  text: 'Text',
  none: 'File',
};

/** The right-hand pane for one file: what it is, a download link, and a preview chosen by its name. */
export function FilePreview({ source, file }: { source: ArtifactSource; file: WireFileInfo }) {
  const name = baseName(file.path);
  const url = source.fileUrl(file.path);
  const kind = previewKind(file.path, file.file_size);
  const empty = file.file_size === 0;
  const head = useArtifactHead(url, kind !== 'image' && kind !== 'none' && !empty);

  return (
    <div className="flex min-h-0 flex-col gap-3">
      <header className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <h2 className="break-all text-base font-semibold">{name}</h2>
          <p className="break-all text-xs text-slate-500 dark:text-slate-400">
            {file.path}
            {file.file_size !== undefined && ` · ${formatBytes(file.file_size)}`} · {KIND_LABEL[kind]}
          </p>
        </div>
        <a href={url} download={name} data-testid="artifact-download" className={LINK}>
          <span aria-hidden>⤓</span> Download
        </a>
      </header>
      {empty ? (
        <Hint>This file is empty.</Hint>
      ) : kind === 'image' ? (
        <ImagePreview url={url} name={name} size={file.file_size} />
      ) : kind === 'none' ? (
        <Hint>No preview for this kind of file. Download it to open it.</Hint>
      ) : head.status === 'error' ? (
        <ErrorNote>{head.message} Download the file, or select it again to retry.</ErrorNote>
      ) : head.status !== 'ready' ? (
        <Loading label="Loading preview…" />
      ) : looksBinary(head.head.text) ? (
        <Hint>No preview for binary files. Download it to open it.</Hint>
      ) : (
        <HeadPreview kind={kind} path={file.path} head={head.head} />
      )}
    </div>
  );
}

function HeadPreview({ kind, path, head }: { kind: PreviewKind; path: string; head: ArtifactHead }) {
  const note = head.truncated ? <TruncatedNote received={head.received} size={head.size} /> : null;
  let body;
  switch (kind) {
    case 'csv':
    case 'tsv':
      body = <CsvPreview text={head.text} delimiter={delimiterFor(path)} truncated={head.truncated} />;
      break;
    case 'markdown':
      body = <MarkdownView text={head.text} />;
      break;
    case 'json':
      // A cut JSON document cannot be parsed; showing it raw does not pretend it did.
      body = head.truncated ? <TextBlock text={head.text} /> : <JsonView text={head.text} />;
      break;
    case 'yaml':
    case 'mlmodel':
      body = head.truncated ? <TextBlock text={head.text} /> : <YamlView text={head.text} mlmodel={kind === 'mlmodel'} />;
      break;
    default:
      body = <TextBlock text={head.text} />;
  }
  return (
    <>
      {note}
      {body}
    </>
  );
}

function MarkdownView({ text }: { text: string }) {
  const [view, setView] = useState<'rendered' | 'source'>('rendered');
  return (
    <div className="flex min-h-0 flex-col gap-2">
      <ViewSwitch label="Markdown view" value={view} onChange={setView} views={[{ id: 'rendered', label: 'Rendered' }, { id: 'source', label: 'Source' }]} />
      {view === 'rendered' ? (
        <div data-testid="markdown-preview" className="max-h-[65vh] overflow-auto rounded border border-slate-200 p-4 dark:border-slate-800">
          <Markdown source={text} />
        </div>
      ) : (
        <TextBlock text={text} />
      )}
    </div>
  );
}

function JsonView({ text }: { text: string }) {
  const parsed = useMemo(() => {
    try {
      return { ok: true as const, value: JSON.parse(text) as unknown };
    } catch (e) {
      return { ok: false as const, message: e instanceof Error ? e.message : String(e) };
    }
  }, [text]);
  const [view, setView] = useState<'tree' | 'pretty'>('tree');
  const pretty = useMemo(() => (parsed.ok && view === 'pretty' ? JSON.stringify(parsed.value, null, 2) : ''), [parsed, view]);
  if (!parsed.ok) {
    return (
      <>
        <Hint>Not valid JSON ({parsed.message}); shown as text.</Hint>
        <TextBlock text={text} />
      </>
    );
  }
  return (
    <div className="flex min-h-0 flex-col gap-2">
      <ViewSwitch label="JSON view" value={view} onChange={setView} views={[{ id: 'tree', label: 'Tree' }, { id: 'pretty', label: 'Pretty text' }]} />
      {view === 'tree' ? <JsonTree value={parsed.value} /> : <TextBlock text={pretty} testId="json-text-preview" />}
    </div>
  );
}

function YamlView({ text, mlmodel }: { text: string; mlmodel: boolean }) {
  const parsed = useMemo(() => {
    try {
      return mlmodel ? { ok: true as const, summary: summarizeMlmodel(text) } : { ok: true as const, value: parseYamlSafe(text) };
    } catch (e) {
      return { ok: false as const, message: e instanceof Error ? e.message.split('\n')[0] : String(e) };
    }
  }, [text, mlmodel]);
  const [view, setView] = useState<'fields' | 'source'>('fields');
  if (!parsed.ok) {
    return (
      <>
        <Hint>Could not read this YAML ({parsed.message}); shown as text.</Hint>
        <TextBlock text={text} />
      </>
    );
  }
  return (
    <div className="flex min-h-0 flex-col gap-3">
      <ViewSwitch label="YAML view" value={view} onChange={setView} views={[{ id: 'fields', label: mlmodel ? 'Summary' : 'Fields' }, { id: 'source', label: 'Source' }]} />
      {view === 'source' ? (
        <TextBlock text={text} />
      ) : parsed.summary ? (
        <MlmodelPreview summary={parsed.summary} />
      ) : (
        <div data-testid="yaml-preview" className="max-h-[65vh] overflow-auto rounded border border-slate-200 p-3 dark:border-slate-800">
          <KeyValueView value={parsed.value} />
        </div>
      )}
    </div>
  );
}

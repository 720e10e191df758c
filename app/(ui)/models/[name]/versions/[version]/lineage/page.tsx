import { LineagePage } from '@/components/lineage/LineagePage';

export const dynamic = 'force-dynamic';

/** A malformed escape (`%E0`) is shown as typed rather than failing the page. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `/models/<name>/versions/<v>/lineage`; `<v>` may also be `@alias`. */
export default async function ModelVersionLineagePage({ params }: { params: Promise<{ name: string; version: string }> }) {
  const { name, version } = await params;
  return <LineagePage name={decode(name)} versionRef={decode(version)} />;
}

import { VersionPage } from '@/components/registry/VersionPage';
import { decodeParam } from '@/components/registry/registry-links';

export const dynamic = 'force-dynamic';

export default async function ModelVersionPage({ params }: { params: Promise<{ name: string; version: string }> }) {
  const { name, version } = await params;
  return <VersionPage name={decodeParam(name)} version={decodeParam(version)} />;
}

import { ModelPage } from '@/components/registry/ModelPage';
import { decodeParam } from '@/components/registry/registry-links';

export const dynamic = 'force-dynamic';

export default async function RegisteredModelPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <ModelPage name={decodeParam(name)} />;
}

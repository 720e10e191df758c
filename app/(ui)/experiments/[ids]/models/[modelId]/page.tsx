import { LoggedModelPage } from '@/components/logged-models/LoggedModelPage';

export const dynamic = 'force-dynamic';

/** `/experiments/<id>/models/<modelId>`: one logged model. */
export default async function LoggedModelDetailsPage({ params }: { params: Promise<{ ids: string; modelId: string }> }) {
  const { ids, modelId } = await params;
  return <LoggedModelPage experimentId={decodeURIComponent(ids).split(',')[0] ?? ''} modelId={decodeURIComponent(modelId)} />;
}

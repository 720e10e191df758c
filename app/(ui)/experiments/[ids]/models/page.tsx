import { LoggedModelsPage } from '@/components/logged-models/LoggedModelsPage';

export const dynamic = 'force-dynamic';

/** `/experiments/<id>/models`: the experiment's logged models (the first id when several are given). */
export default async function ExperimentModelsPage({ params }: { params: Promise<{ ids: string }> }) {
  const { ids } = await params;
  const experimentId = decodeURIComponent(ids).split(',').filter(Boolean)[0] ?? '';
  return <LoggedModelsPage experimentId={experimentId} />;
}

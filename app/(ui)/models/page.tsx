import { ModelsListPage } from '@/components/registry/ModelsListPage';

export const dynamic = 'force-dynamic';

export default function ModelsPage() {
  return <ModelsListPage />;
}

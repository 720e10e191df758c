import { ExperimentsHome } from '@/components/experiments/ExperimentsHome';

export const dynamic = 'force-dynamic';

export default function HomePage() {
  return <ExperimentsHome />;
}

import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Runboard',
  description: 'Experiment tracking, compatible with MLflow',
  icons: { icon: '/favicon.svg' },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <header className="border-b border-slate-200 px-6 py-3 dark:border-slate-800">
          <a href="/" className="text-lg font-semibold tracking-tight">Runboard</a>
        </header>
        <main className="px-6 py-4">{children}</main>
      </body>
    </html>
  );
}

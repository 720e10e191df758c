import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { HashRedirect } from '@/components/ui/HashRedirect';
import { THEME_BOOT_SCRIPT, ThemeToggle } from '@/components/ui/ThemeToggle';
import './globals.css';

export const metadata: Metadata = {
  title: 'Runboard',
  description: 'Experiment tracking, compatible with MLflow',
  icons: { icon: '/favicon.svg' },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-blue-600 focus:px-3 focus:py-1 focus:text-white">
          Skip to content
        </a>
        <header className="flex items-center gap-6 border-b border-slate-200 px-6 py-2.5 dark:border-slate-800">
          <a href="/" className="text-lg font-semibold tracking-tight">Runboard</a>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            <a href="/" className="text-slate-700 hover:text-blue-600 dark:text-slate-300">Experiments</a>
            <a href="/models" className="text-slate-700 hover:text-blue-600 dark:text-slate-300">Models</a>
          </nav>
          <div className="ml-auto"><ThemeToggle /></div>
        </header>
        <HashRedirect />
        <main id="main" className="px-6 py-4">{children}</main>
      </body>
    </html>
  );
}

'use client';

import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * User-written markdown (run notes, descriptions) rendered inert: without a raw-HTML plugin,
 * react-markdown escapes any HTML in the source (the reader sees it as text, nothing runs), and its
 * default URL filter drops `javascript:` and other unsafe links.
 * Links open in a new tab without access to this page.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown text-sm leading-6">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-blue-600 underline dark:text-blue-400">
              {children}
            </a>
          ),
          img: ({ alt }) => <span className="text-slate-500">[image: {alt}]</span>,
        }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}

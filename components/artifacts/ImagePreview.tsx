'use client';

import { useState } from 'react';
import { formatBytes } from '@/lib/format';
import { Button } from '@/components/ui/Button';
import { ErrorNote } from '@/components/ui/Notice';
import { IMAGE_AUTO_MAX_BYTES } from './preview-kind';
import { Hint } from './preview-parts';

/**
 * An image artifact in an <img> (which never runs scripts, SVG included), scaled to fit. Very large
 * images wait for a click: an <img> reads the whole file.
 */
export function ImagePreview({ url, name, size }: { url: string; name: string; size?: number }) {
  const [asked, setAsked] = useState(false);
  const [dims, setDims] = useState<{ w: number; h: number } | null>(null);
  const [failed, setFailed] = useState(false);

  if (size !== undefined && size > IMAGE_AUTO_MAX_BYTES && !asked) {
    return (
      <div className="flex flex-col items-start gap-2">
        <Hint>This image is {formatBytes(size)}; its preview loads the whole file.</Hint>
        <Button onClick={() => setAsked(true)}>Load preview</Button>
      </div>
    );
  }
  if (failed) return <ErrorNote>Could not show this image: the file may be damaged or not an image. Download it to inspect it.</ErrorNote>;
  return (
    <figure className="flex min-h-0 flex-col items-start gap-1">
      <div className="max-w-full overflow-auto rounded border border-slate-200 bg-[repeating-conic-gradient(#e2e8f0_0_25%,transparent_0_50%)] bg-[length:16px_16px] dark:border-slate-800 dark:bg-[repeating-conic-gradient(#1e293b_0_25%,transparent_0_50%)]">
        <img
          data-testid="image-preview"
          src={url}
          alt={name}
          onLoad={(e) => setDims({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
          onError={() => setFailed(true)}
          className="block h-auto max-h-[65vh] max-w-full object-contain"
        />
      </div>
      <figcaption>
        <Hint>
          {dims ? `${dims.w} × ${dims.h} px` : 'Loading…'}
          {size !== undefined ? ` · ${formatBytes(size)}` : ''}
        </Hint>
      </figcaption>
    </figure>
  );
}

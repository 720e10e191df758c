'use client';

import type { ReactNode } from 'react';
import type { MlmodelSummary, SignatureColumn } from './mlmodel';
import { KeyValueView } from './KeyValueView';
import { ErrorNote } from '@/components/ui/Notice';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-1.5">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h3>
      {children}
    </section>
  );
}

function SignatureTable({ label, columns }: { label: string; columns: SignatureColumn[] }) {
  const withDefault = columns.some((c) => c.default !== undefined);
  const withRequired = columns.some((c) => c.required !== null);
  return (
    <table className="w-full max-w-3xl border-collapse text-xs" aria-label={label} data-testid={`mlmodel-signature-${label.toLowerCase()}`}>
      <caption className="mb-1 text-left text-sm font-medium">{label}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left dark:border-slate-700">
          <th scope="col" className="px-2 py-1 font-semibold">Name</th>
          <th scope="col" className="px-2 py-1 font-semibold">Type</th>
          {withRequired && <th scope="col" className="px-2 py-1 font-semibold">Required</th>}
          {withDefault && <th scope="col" className="px-2 py-1 font-semibold">Default</th>}
        </tr>
      </thead>
      <tbody>
        {columns.map((c, i) => (
          <tr key={i} className="border-b border-slate-100 dark:border-slate-800">
            <td className="break-all px-2 py-0.5 font-mono">{c.name || <span className="italic text-slate-400">unnamed</span>}</td>
            <td className="px-2 py-0.5 font-mono text-slate-600 dark:text-slate-300">{c.type}</td>
            {withRequired && <td className="px-2 py-0.5">{c.required === null ? '' : c.required ? 'yes' : 'no'}</td>}
            {withDefault && <td className="break-all px-2 py-0.5 font-mono">{c.default ?? ''}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An MLmodel file: identity, flavors, signature tables, then every field. All values are React text. */
export function MlmodelPreview({ summary }: { summary: MlmodelSummary }) {
  const { flavors, inputs, outputs, params, fields, signatureErrors, document } = summary;
  return (
    <div data-testid="mlmodel-preview" className="flex max-h-[70vh] flex-col gap-4 overflow-auto pr-1">
      {fields.length > 0 && (
        <Section title="Model">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-sm">
            {fields.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
                <dd className="break-all font-mono text-xs leading-5">{v}</dd>
              </div>
            ))}
          </dl>
        </Section>
      )}
      <Section title={`Flavors (${flavors.length})`}>
        {flavors.length === 0 ? (
          <p className="text-sm text-slate-500">No flavors listed.</p>
        ) : (
          <ul className="flex flex-wrap gap-2" aria-label="Flavors">
            {flavors.map((f) => (
              <li key={f.name} className="rounded border border-slate-200 px-2.5 py-1.5 dark:border-slate-700">
                <span data-testid="mlmodel-flavor" className="font-mono text-sm font-semibold">{f.name}</span>
                {f.details.length > 0 && (
                  <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-2 text-xs">
                    {f.details.map(([k, v]) => (
                      <div key={k} className="contents">
                        <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
                        <dd className="break-all font-mono">{v}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Signature">
        {!inputs && !outputs && !params && signatureErrors.length === 0 && <p className="text-sm text-slate-500">This model has no signature.</p>}
        {inputs && <SignatureTable label="Inputs" columns={inputs} />}
        {outputs && <SignatureTable label="Outputs" columns={outputs} />}
        {params && <SignatureTable label="Params" columns={params} />}
        {signatureErrors.map((e) => (
          <ErrorNote key={e}>Could not read {e}</ErrorNote>
        ))}
      </Section>
      <details className="text-sm">
        <summary className="cursor-pointer rounded text-slate-600 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-slate-300">All fields</summary>
        <div className="mt-2">
          <KeyValueView value={document} />
        </div>
      </details>
    </div>
  );
}

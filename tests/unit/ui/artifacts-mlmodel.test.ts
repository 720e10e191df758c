import { describe, expect, it } from 'vitest';
import { signatureColumns, summarizeMlmodel } from '@/components/artifacts/mlmodel';
import { parseYamlSafe } from '@/components/artifacts/yaml-safe';

const MLMODEL = `artifact_path: model
flavors:
  python_function:
    env:
      conda: conda.yaml
    loader_module: mlflow.sklearn
    python_version: 3.11.9
  sklearn:
    code: null
    pickled_model: model.pkl
    sklearn_version: 1.5.0
mlflow_version: 2.14.1
model_uuid: 4f1c2d
run_id: abc123
signature:
  inputs: '[{"type": "double", "name": "x", "required": true}, {"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 28, 28]}}]'
  outputs: '[{"type": "long", "required": true}]'
  params: '[{"name": "temperature", "type": "double", "default": 0.5, "shape": null}]'
utc_time_created: '2024-06-01 10:00:00.000000'
`;

describe('MLmodel summary', () => {
  it('lists flavors with their scalar settings, identity fields and the signature as columns', () => {
    const s = summarizeMlmodel(MLMODEL);
    expect(s.flavors.map((f) => f.name)).toEqual(['python_function', 'sklearn']);
    expect(s.flavors[0].details).toEqual([
      ['loader_module', 'mlflow.sklearn'],
      ['python_version', '3.11.9'],
    ]);
    expect(Object.fromEntries(s.fields)).toMatchObject({
      model_uuid: '4f1c2d',
      run_id: 'abc123',
      artifact_path: 'model',
      mlflow_version: '2.14.1',
      utc_time_created: '2024-06-01 10:00:00.000000',
    });
    expect(s.inputs).toEqual([
      { name: 'x', type: 'double', required: true },
      { name: '', type: 'tensor float32 (-1, 28, 28)', required: null },
    ]);
    expect(s.outputs).toEqual([{ name: '', type: 'long', required: true }]);
    expect(s.params).toEqual([{ name: 'temperature', type: 'double', required: null, default: '0.5' }]);
    expect(s.signatureErrors).toEqual([]);
  });

  it('reports an unreadable signature field and keeps the rest', () => {
    const s = summarizeMlmodel('flavors: {pytorch: {}}\nsignature:\n  inputs: "[not json"\n  outputs: null\n');
    expect(s.flavors.map((f) => f.name)).toEqual(['pytorch']);
    expect(s.inputs).toBeNull();
    expect(s.outputs).toBeNull();
    expect(s.signatureErrors).toHaveLength(1);
    expect(s.signatureErrors[0]).toMatch(/^signature\.inputs: /);
  });

  it('reads array and object column types', () => {
    expect(signatureColumns('[{"type":"array","items":{"type":"string"},"name":"tags"}]')).toEqual([{ name: 'tags', type: 'array<string>', required: null }]);
  });

  it('refuses a document that is not a mapping', () => {
    expect(() => summarizeMlmodel('- a\n- b\n')).toThrow(/mapping/);
  });
});

describe('safe YAML parsing', () => {
  it('refuses alias bombs, custom tags and duplicate keys', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(() => parseYamlSafe(bomb)).toThrow(/[Aa]lias/);
    expect(() => parseYamlSafe('a: 1\na: 2\n')).toThrow();
    // An unknown tag is not run: the value stays plain data.
    expect(parseYamlSafe('x: !!python/object:os.system ls\n')).toEqual({ x: 'ls' });
  });

  it('keeps __proto__ keys as data', () => {
    const v = parseYamlSafe('__proto__: {polluted: 1}\n') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(v)).toEqual(['__proto__']);
  });
});

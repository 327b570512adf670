#!/usr/bin/env node
/**
 * Writes test/fixtures/aws-error-codes.json: the error codes AWS's own service models give each
 * operation of every service the emulator speaks, plus the errors common to all AWS services. The
 * emulator's error-code test reads that file, so tests run from a fresh clone without the models.
 *
 * Usage: node scripts/aws-error-codes.mjs [models-dir] (default ../shared/reference/aws-models)
 *
 * Sources: botocore `service-2.json` files and the Smithy JSON model of Transcribe Streaming in the
 * models directory (its README names repository and commit); S3 has no model there, so its codes
 * come from the `@throws` lines of the installed `@aws-sdk/client-s3` commands, which the AWS SDK
 * for JavaScript generates from S3's Smithy model.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = resolve(process.argv[2] ?? join(root, '..', 'shared', 'reference', 'aws-models'));
const out = join(root, 'test', 'fixtures', 'aws-error-codes.json');

/** Emulator service name → botocore model file. */
const BOTOCORE = {
  comprehend: 'comprehend.json',
  translate: 'translate.json',
  rekognition: 'rekognition.json',
  textract: 'textract.json',
  transcribe: 'transcribe.json',
  polly: 'polly.json',
  'sagemaker-runtime': 'sagemaker-runtime.json',
  bedrock: 'bedrock.json',
  'bedrock-runtime': 'bedrock-runtime.json',
  sagemaker: 'sagemaker.json',
  'bedrock-agent-runtime': 'bedrock-agent-runtime.json',
  comprehendmedical: 'comprehendmedical.json',
  'personalize-runtime': 'personalize-runtime.json',
  'lex-runtime': 'lexv2-runtime.json',
};

/**
 * Control-plane models have hundreds of operations; only the job operations the emulator speaks
 * are vendored (batch inference, Batch Transform).
 */
const ONLY = { bedrock: /ModelInvocationJob/, sagemaker: /TransformJob/ };

function sorted(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

function fromBotocore(file, only) {
  const model = JSON.parse(readFileSync(join(modelsDir, file), 'utf8'));
  const operations = {};
  const code = (shape) => model.shapes[shape]?.error?.code ?? shape;
  for (const [name, op] of Object.entries(model.operations)) {
    if (only && !only.test(name)) continue;
    // A shape's wire code is its `error.code` when the model sets one, else its name.
    const codes = (op.errors ?? []).map((e) => code(e.shape));
    // Exceptions an output event stream may carry (ConverseStream's modelStreamErrorException).
    const output = model.shapes[op.output?.shape]?.members ?? {};
    for (const member of Object.values(output)) {
      const stream = model.shapes[member.shape];
      if (!stream?.eventstream) continue;
      for (const event of Object.values(stream.members)) {
        if (model.shapes[event.shape]?.exception) codes.push(code(event.shape));
      }
    }
    operations[name] = [...new Set(codes)].sort();
  }
  return {
    source: `reference/aws-models/${file} (botocore service-2.json, apiVersion ${model.metadata.apiVersion})`,
    operations: sorted(operations),
  };
}

function fromSmithy(file) {
  const model = JSON.parse(readFileSync(join(modelsDir, file), 'utf8'));
  const local = (id) => id.slice(id.indexOf('#') + 1);
  const service = Object.values(model.shapes).find((s) => s.type === 'service');
  const serviceErrors = (service?.errors ?? []).map((e) => local(e.target));
  const operations = {};
  for (const [id, shape] of Object.entries(model.shapes)) {
    if (shape.type !== 'operation') continue;
    const codes = [...(shape.errors ?? []).map((e) => local(e.target)), ...serviceErrors];
    // Exceptions an output event stream may carry.
    const output = model.shapes[shape.output?.target]?.members ?? {};
    for (const member of Object.values(output)) {
      const stream = model.shapes[member.target];
      if (!stream?.traits?.['smithy.api#streaming']) continue;
      for (const event of Object.values(stream.members ?? {})) {
        if (model.shapes[event.target]?.traits?.['smithy.api#error'])
          codes.push(local(event.target));
      }
    }
    operations[local(id)] = [...new Set(codes)].sort();
  }
  return {
    source: `reference/aws-models/${file} (Smithy JSON model)`,
    operations: sorted(operations),
  };
}

function fromSdkCommands(pkg) {
  const require = createRequire(join(root, 'package.json'));
  const pkgJson = require.resolve(`${pkg}/package.json`);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  const dir = join(dirname(pkgJson), 'dist-types', 'commands');
  const operations = {};
  for (const file of readdirSync(dir)) {
    const match = /^(\w+)Command\.d\.ts$/.exec(file);
    if (!match) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    const codes = [...text.matchAll(/@throws \{@link (\w+)\}/g)]
      .map((m) => m[1])
      .filter((code) => !code.endsWith('ServiceException'));
    operations[match[1]] = [...new Set(codes)].sort();
  }
  return {
    source: `${pkg}@${version} dist-types/commands/*Command.d.ts @throws (generated from the S3 Smithy model)`,
    operations: sorted(operations),
  };
}

const services = {};
for (const [name, file] of Object.entries(BOTOCORE))
  services[name] = fromBotocore(file, ONLY[name]);
services['transcribe-streaming'] = fromSmithy('transcribe-streaming.smithy.json');
services.s3 = fromSdkCommands('@aws-sdk/client-s3');

const fixture = {
  $comment:
    'Generated by scripts/aws-error-codes.mjs; do not edit. Sources: see test/fixtures/aws/SOURCES.md ("AWS error codes").',
  modelsReadme:
    'botocore service-2.json at boto/botocore commit 0e6e2404b (Apache-2.0); transcribe-streaming Smithy JSON model from alextwoods/aws-sdk-ruby-v4 (Apache-2.0)',
  services: sorted(services),
};
writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`wrote ${out}: ${Object.keys(services).length} services`);

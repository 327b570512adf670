/**
 * An agent whose action group runs a local function: the agent returns control for
 * `orders.status`, aws-ai runs the function here and continues the same agent turn with its
 * result until the agent answers. Traces show the agent's reasoning. Then the same with an inline
 * agent (defined at call time) and a flow that asks for more input. Against the emulator (a
 * scripted agent):
 *
 *   npx tsx examples/agents-tools.ts
 *
 * On AWS the agent would be one you created with an action group whose executor is
 * "Return control"; the calls are the same with its id and alias.
 */

import { Agents } from 'aws-ai/agents';
import { startEmulator } from 'aws-ai/testing';

const emulator = await startEmulator();
const AGENT = { id: 'ORDERAGENT', aliasId: 'TSTALIASID' };

// What the emulated agent does: think, ask for the order status, answer with it.
emulator.agent(AGENT.id, {
  steps: [
    {
      trace: {
        orchestrationTrace: {
          rationale: { text: 'The user asks about order 42; I will look it up.' },
        },
      },
    },
    { call: { actionGroup: 'orders', function: 'status', parameters: { orderId: '42' } } },
    {
      trace: {
        orchestrationTrace: {
          observation: { type: 'ACTION_GROUP', actionGroupInvocationOutput: { text: 'looked up' } },
        },
      },
    },
    { text: ({ results }) => `Your order 42 is ${JSON.parse(results.status ?? '{}').status}.` },
  ],
});

/** The local function the agent's action group returns control for. */
async function orderStatus(orderId: string): Promise<{ orderId: string; status: string }> {
  return { orderId, status: 'shipped (arrives Friday)' };
}

const agents = new Agents(emulator.config);
console.log('Emulated agent (not real AWS):');
const stream = agents.invoke(AGENT, 'Where is my order 42?', {
  trace: true,
  tools: {
    orders: { status: { execute: ({ orderId }) => orderStatus(String(orderId)) } },
  },
});
for await (const event of stream) {
  if (event.type === 'trace' && event.trace.kind === 'rationale')
    console.log(`  thinking: ${event.trace.text}`);
  if (event.type === 'return-control')
    console.log(
      '  agent asks to run:',
      event.calls
        .map((c) => `${c.actionGroup}.${c.function}(${JSON.stringify(c.parameters)})`)
        .join(', '),
    );
  if (event.type === 'tool-result')
    console.log(`  ran ${event.actionGroup}.${event.function} -> ${event.output}`);
  if (event.type === 'text-delta') console.log(`  agent: ${event.text}`);
}
const final = await stream.finalMessage();
console.log(`  (${final.steps} agent calls in one turn, session ${final.sessionId})`);

// An agent defined at call time: its functions' execute run locally the same way.
emulator.agent('inline', {
  steps: [
    { call: { actionGroup: 'weather', function: 'forecast', parameters: { city: 'Lisbon' } } },
    { text: ({ results }) => `Forecast: ${results.forecast}` },
  ],
});
const inline = await agents
  .invokeInline(
    {
      model: 'amazon.nova-pro-v1:0',
      instruction:
        'You are a travel assistant. Use the weather tools to answer questions about weather.',
      actionGroups: [
        {
          name: 'weather',
          functions: {
            forecast: {
              description: 'Weather forecast for a city',
              parameters: { city: { type: 'string', required: true } },
              execute: ({ city }) => `sunny, 24 °C in ${city}`,
            },
          },
        },
      ],
    },
    'Weather in Lisbon tomorrow?',
  )
  .finalMessage();
console.log(`\nInline agent: ${inline.text}`);

// A flow that needs one more answer from the user (multi-turn).
const FLOW = { id: 'TRIPFLOW01', aliasId: 'TSTALIASID' };
emulator.flow(FLOW.id, {
  steps: [
    { askInput: { nodeName: 'Planner', content: 'Which dates?' } },
    { output: (dates) => `Trip planned for ${String(dates)}` },
  ],
});
const asked = await agents.flow(FLOW, 'Plan a trip to Porto').finalMessage();
console.log(`\nFlow asks: ${String(asked.inputRequest?.content)} (${asked.completionReason})`);
const done = await agents
  .flow(FLOW, 'May 3-7', {
    executionId: asked.executionId,
    nodeName: asked.inputRequest?.nodeName,
    nodeInputName: 'agentInputText',
  })
  .finalMessage();
console.log(`Flow: ${done.text} (${done.completionReason})`);
await emulator.close();

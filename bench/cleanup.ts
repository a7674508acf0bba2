/** Clean-up steps (servers, temp folders) run once, on success, failure or Ctrl-C. */
const steps: (() => Promise<void>)[] = [];

export function onCleanup(step: () => Promise<void>): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    await step();
  };
  steps.push(once);
  return once;
}

export async function cleanUpAll(): Promise<void> {
  for (const step of steps.splice(0).reverse()) {
    try {
      await step();
    } catch (error) {
      console.error(`clean-up step failed: ${(error as Error).message}`);
    }
  }
}

/** A one-line progress display: rewritten in place on a terminal, a few plain lines otherwise. */
export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr): (done: number, total: number) => void {
  let lastShown = -1;
  return (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (stream.isTTY) {
      stream.write(`\r${label}: ${done}/${total} (${percent}%)${done >= total ? '\n' : ''}`);
      return;
    }
    // Off a terminal (CI, pipes): one line at each quarter, not one per step.
    const step = Math.floor(percent / 25);
    if (step === lastShown) return;
    stream.write(`${label}: ${done}/${total} (${percent}%)\n`);
    lastShown = step;
  };
}

/**
 * Preloaded (`node --require`) into every server the benchmark starts. The benchmark kills its
 * children on exit and on SIGINT, but if it is itself killed outright (SIGKILL, an OOM kill) that
 * code never runs; the IPC channel still closes, and then the child stops itself, gracefully first.
 */
if (process.send) {
  process.on('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(1), 5000).unref();
  });
  // The channel must not be what keeps the child alive.
  process.channel?.unref();
}

export {};

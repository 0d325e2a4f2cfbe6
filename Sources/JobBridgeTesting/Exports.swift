// The simulator plumbing (router, clock, fault injection) lives in its own small product,
// `JobBridgeSimulation`, so that a simulator does not pull in the contract suite. It is
// re-exported here so that `import JobBridgeTesting` keeps giving tests all of it.
@_exported import JobBridgeSimulation

// One test class at a time: several tests start app hosts of their own, and the simulation-run
// counter some tests read is process-wide, so a class running beside another would see its runs.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

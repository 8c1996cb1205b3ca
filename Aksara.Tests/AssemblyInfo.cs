// Each integration test class works in a database of its own (DatabaseTestBase).
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]

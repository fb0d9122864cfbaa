// Test classes run in parallel, two at a time on the 2-core machines CI runs on. Each host enables only its own meters
// (MeterScope.Local, see Exposition/ExpositionServiceCollectionExtensions.cs), so exporters running at once never read
// each other's series. Classes that redirect the console, measure memory, CPU or time, or listen to a meter process-wide
// are in SerialTestGroup and run alone.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]

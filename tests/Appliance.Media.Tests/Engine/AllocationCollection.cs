namespace Appliance.Media.Tests.Engine;

/// <summary>
/// Allocation tests count the bytes a thread allocates between two packets. A thread-pool thread
/// may run another test's continuation in between, whose allocations would be counted too, so
/// these tests run alone, after or before every other test class of the assembly.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation measurements";
}

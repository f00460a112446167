using Appliance.Media.Rtp;

namespace Appliance.Media.Tests.Rtp;

public sealed class MediaPortAllocatorTests
{
    [Fact]
    public void PortsAreEvenAndLeaveTheRtcpPortFree()
    {
        var allocator = new MediaPortAllocator(20001, 20010);
        var ports = new List<int>();

        while (allocator.TryAllocate(out var port))
        {
            ports.Add(port);
        }

        Assert.Equal([20002, 20004, 20006, 20008], ports);
        Assert.Equal(4, allocator.Capacity);
    }

    [Fact]
    public void AnExhaustedRangeRefusesAndAReleasedPortIsHandedOutAgain()
    {
        var allocator = new MediaPortAllocator(30000, 30003);
        allocator.TryAllocate(out var first);
        allocator.TryAllocate(out _);

        var refused = !allocator.TryAllocate(out _);
        allocator.Release(first);
        var again = allocator.TryAllocate(out var reused);

        Assert.True(refused);
        Assert.True(again);
        Assert.Equal(first, reused);
    }

    [Fact]
    public void AReleasedPortIsNotReusedBeforeTheOthers()
    {
        var allocator = new MediaPortAllocator(30000, 30009);
        allocator.TryAllocate(out var first);

        allocator.Release(first);
        allocator.TryAllocate(out var next);

        Assert.NotEqual(first, next);
        Assert.Equal(1, allocator.InUse);
    }

    [Theory]
    [InlineData(20000, 20000)]
    [InlineData(80, 20000)]
    [InlineData(20000, 70000)]
    public void ARangeWithoutAUsablePortIsRejected(int min, int max)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaPortAllocator(min, max));
    }

    [Theory]
    [InlineData(20001)]
    [InlineData(19998)]
    [InlineData(20010)]
    public void ReleasingAPortOutsideTheRangeThrows(int port)
    {
        var allocator = new MediaPortAllocator(20000, 20009);

        Assert.Throws<ArgumentOutOfRangeException>(() => allocator.Release(port));
    }
}

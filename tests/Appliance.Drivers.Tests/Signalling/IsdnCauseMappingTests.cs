using Appliance.Drivers.Signalling;

namespace Appliance.Drivers.Tests.Signalling;

public sealed class IsdnCauseMappingTests
{
    [Theory]
    [InlineData(1, 404)]
    [InlineData(3, 404)]
    [InlineData(16, 480)]
    [InlineData(17, 486)]
    [InlineData(18, 408)]
    [InlineData(19, 480)]
    [InlineData(21, 403)]
    [InlineData(22, 410)]
    [InlineData(27, 502)]
    [InlineData(28, 484)]
    [InlineData(31, 480)]
    [InlineData(34, 503)]
    [InlineData(38, 503)]
    [InlineData(41, 503)]
    [InlineData(58, 503)]
    [InlineData(65, 488)]
    [InlineData(79, 501)]
    [InlineData(102, 504)]
    [InlineData(127, 500)]
    public void CauseValuesMapToTheResponsesOfRfc3398(int cause, int sipStatus)
    {
        Assert.Equal(sipStatus, IsdnCauseMapping.ToSipStatus(cause));
    }

    [Theory]
    [InlineData(6, 480)]
    [InlineData(44, 503)]
    [InlineData(63, 503)]
    [InlineData(66, 501)]
    [InlineData(95, 400)]
    [InlineData(100, 500)]
    public void UnlistedCauseValuesMapByTheirQ850Class(int cause, int sipStatus)
    {
        Assert.Equal(sipStatus, IsdnCauseMapping.ToSipStatus(cause));
    }

    [Theory]
    [InlineData(400, 41)]
    [InlineData(403, 21)]
    [InlineData(404, 1)]
    [InlineData(408, 102)]
    [InlineData(480, 18)]
    [InlineData(484, 28)]
    [InlineData(486, 17)]
    [InlineData(487, 16)]
    [InlineData(500, 41)]
    [InlineData(502, 38)]
    [InlineData(503, 41)]
    [InlineData(600, 17)]
    [InlineData(603, 21)]
    [InlineData(606, 58)]
    [InlineData(499, 41)]
    [InlineData(599, 41)]
    [InlineData(699, 17)]
    public void SipResponsesMapToTheCausesOfRfc3398(int sipStatus, int cause)
    {
        Assert.Equal(cause, IsdnCauseMapping.ToCause(sipStatus));
    }

    [Fact]
    public void EveryCauseMapsToAFailureResponseThatMapsBackToACause()
    {
        for (int cause = 1; cause <= 127; cause++)
        {
            int status = IsdnCauseMapping.ToSipStatus(cause);

            Assert.InRange(status, 400, 699);
            Assert.InRange(IsdnCauseMapping.ToCause(status), 1, 127);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(128)]
    public void ValuesOutsideQ850AreRefused(int cause)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IsdnCauseMapping.ToSipStatus(cause));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(183)]
    [InlineData(700)]
    public void ResponsesThatAreNotFailuresAreRefused(int sipStatus)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IsdnCauseMapping.ToCause(sipStatus));
    }
}

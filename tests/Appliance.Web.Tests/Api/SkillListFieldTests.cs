using Appliance.Web.Api;

namespace Appliance.Web.Tests.Api;

public sealed class SkillListFieldTests
{
    [Fact]
    public void SkillsAreReadInTheOrderGivenAndWrittenBackAlike()
    {
        var errors = new FieldErrors();

        var skills = SkillListField.Parse(errors, "skills", " french:5,billing : 10 ,, ");

        Assert.False(errors.Any, errors.Summary);
        Assert.Equal([("french", 5), ("billing", 10)], skills);
        Assert.Equal("french:5, billing:10", SkillListField.Format(skills));
    }

    [Theory]
    [InlineData("french", "has no level")]
    [InlineData("french:0", "not a whole number from 1 to 10")]
    [InlineData("french:11", "not a whole number from 1 to 10")]
    [InlineData("french:high", "not a whole number from 1 to 10")]
    [InlineData("fr/ench:3", "may hold only letters")]
    [InlineData(":3", "not a skill name")]
    [InlineData("french:3, french:4", "given twice")]
    public void ABadSkillIsRefusedUnderTheSkillsField(string text, string message)
    {
        var errors = new FieldErrors();

        var skills = SkillListField.Parse(errors, "skills", text);

        Assert.Equal("skills", errors.FirstField);
        Assert.Contains(message, errors.Summary, StringComparison.Ordinal);
        Assert.True(skills.Count <= 1);
    }
}

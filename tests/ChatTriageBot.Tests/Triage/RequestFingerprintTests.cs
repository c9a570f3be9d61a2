using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Triage;

namespace ChatTriageBot.Tests.Triage;

public sealed class RequestFingerprintTests
{
    [Fact]
    public void SameProblemInOtherWords_IsSimilar_DifferentProblemsAreNot()
    {
        var original = RequestFingerprint.Compute(SampleShop.CustomerReport);
        var resent = RequestFingerprint.Compute(SampleShop.CustomerReport.Replace("jane.doe@example.com", "bob@example.net", StringComparison.Ordinal) + "\nAny news?");
        var other = RequestFingerprint.Compute("Exporting an invoice as PDF produces an empty file since the update to version 4.2, for every customer we tried.");

        Assert.True(RequestFingerprint.Similarity(original, resent) >= 0.6);
        Assert.True(RequestFingerprint.Similarity(original, other) < 0.1);
        Assert.Equal(1.0, RequestFingerprint.Similarity(original, original));
    }

    [Fact]
    public void ShortOrMalformedInput_IsNeverSimilar()
    {
        Assert.Null(RequestFingerprint.Compute("checkout broken"));
        Assert.Equal(0, RequestFingerprint.Similarity(RequestFingerprint.Compute(SampleShop.CustomerReport), "not base64!"));
        Assert.Equal(0, RequestFingerprint.Similarity(null, null));
    }
}

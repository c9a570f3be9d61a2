using System.Text;
using ChatTriageBot.Slack;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatTriageBot.Tests.Slack;

public sealed class SlackSignatureVerifierTests
{
    // Slack's published test vector ("Verifying requests from Slack").
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    [Fact]
    public void Verify_SlackPublishedVector_IsValid()
    {
        Assert.Equal(SignatureCheck.Valid, Verifier().Verify(Encoding.UTF8.GetBytes(Body), Timestamp, Signature));
    }

    [Fact]
    public void Sign_SlackPublishedVector_ProducesThePublishedSignature()
    {
        Assert.Equal(Signature, SlackSignatureVerifier.Sign(Secret, Timestamp, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_BodyWithOneByteChanged_IsRefused()
    {
        var tampered = Body.Replace("roadrunner", "roadrunnes", StringComparison.Ordinal);

        Assert.Equal(SignatureCheck.Mismatch, Verifier().Verify(Encoding.UTF8.GetBytes(tampered), Timestamp, Signature));
    }

    [Fact]
    public void Verify_BodyReencoded_IsRefused()
    {
        // The signature covers the bytes as sent: decoding and re-encoding the form changes them.
        var reencoded = Uri.UnescapeDataString(Body);

        Assert.Equal(SignatureCheck.Mismatch, Verifier().Verify(Encoding.UTF8.GetBytes(reencoded), Timestamp, Signature));
    }

    [Fact]
    public void Verify_TimestampChangedWithinTheWindow_IsRefused()
    {
        Assert.Equal(SignatureCheck.Mismatch, Verifier().Verify(Encoding.UTF8.GetBytes(Body), "1531420619", Signature));
    }

    [Theory]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504")]
    [InlineData("v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503")]
    [InlineData("v0=a2114d57")]
    [InlineData("v0=")]
    public void Verify_WrongSignature_IsRefused(string signature)
    {
        Assert.Equal(SignatureCheck.Mismatch, Verifier().Verify(Encoding.UTF8.GetBytes(Body), Timestamp, signature));
    }

    [Fact]
    public void Verify_OtherVersionPrefix_IsRefused()
    {
        Assert.Equal(SignatureCheck.UnknownVersion, Verifier().Verify(Encoding.UTF8.GetBytes(Body), Timestamp, "v1" + Signature[2..]));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    public void Verify_TimestampMoreThanFiveMinutesAwayEitherWay_IsARefusedReplay(int offsetSeconds)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1531420618 - offsetSeconds));

        Assert.Equal(SignatureCheck.OutsideWindow, Verifier(clock).Verify(Encoding.UTF8.GetBytes(Body), Timestamp, Signature));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Verify_TimestampExactlyFiveMinutesAway_IsStillAccepted(int offsetSeconds)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1531420618 - offsetSeconds));

        Assert.Equal(SignatureCheck.Valid, Verifier(clock).Verify(Encoding.UTF8.GetBytes(Body), Timestamp, Signature));
    }

    [Theory]
    [InlineData(null, Signature)]
    [InlineData(Timestamp, null)]
    [InlineData("", Signature)]
    public void Verify_MissingHeader_IsRefused(string? timestamp, string? signature)
    {
        Assert.Equal(SignatureCheck.MissingHeaders, Verifier().Verify(Encoding.UTF8.GetBytes(Body), timestamp, signature));
    }

    [Theory]
    [InlineData("15314206l8")]
    [InlineData("-1531420618")]
    [InlineData("1531420618.5")]
    public void Verify_TimestampThatIsNotAnInteger_IsRefused(string timestamp)
    {
        Assert.Equal(SignatureCheck.MalformedTimestamp, Verifier().Verify(Encoding.UTF8.GetBytes(Body), timestamp, Signature));
    }

    [Fact]
    public void Verify_DuringARotation_AcceptsTheOldAndTheNewSecret()
    {
        var options = new SlackOptions { SigningSecret = "new-secret-0000000000000000000000" };
        options.SigningSecrets.Add(Secret);

        Assert.Equal(SignatureCheck.Valid, Verifier(options: options).Verify(Encoding.UTF8.GetBytes(Body), Timestamp, Signature));
    }

    [Fact]
    public void Verify_WithNoSecretConfigured_RefusesEverything()
    {
        var verifier = Verifier(options: new SlackOptions());

        Assert.Equal(SignatureCheck.NoSecretConfigured, verifier.Verify(Encoding.UTF8.GetBytes(Body), Timestamp, Signature));
    }

    private static SlackSignatureVerifier Verifier(TimeProvider? clock = null, SlackOptions? options = null) =>
        new(Options.Create(options ?? new SlackOptions { SigningSecret = Secret }), clock ?? new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1531420618)));
}

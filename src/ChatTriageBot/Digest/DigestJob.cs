namespace ChatTriageBot.Digest;

/// <summary>The payload of a <see cref="DigestJobHandler.Kind"/> job: the week to post (<c>YYYY-Www</c>).</summary>
internal sealed record DigestJob(string Period);

namespace Appliance.Flash.Writing;

/// <summary>What a finished write did: bytes written and checked, and how long each pass took.</summary>
internal readonly record struct WriteResult(long Bytes, TimeSpan WriteTime, TimeSpan VerifyTime);

namespace Appliance.GsmSimulator;

/// <summary>One SMS-SUBMIT PDU a module was given, read: the destination, the part's text and
/// its place in a concatenated message (reference, count and sequence from 1; a message in one
/// part is 0, 1, 1).</summary>
public readonly record struct SubmittedPart(string Number, string Text, int Reference, int Count, int Sequence);

namespace Appliance.Drivers.Gsm.Pdu;

/// <summary>The place of one part in a concatenated message (3GPP TS 23.040 §9.2.3.24.1, IEI
/// 0x00, and §9.2.3.24.8, IEI 0x08): the reference the parts share, how many there are, and this
/// part's number from 1.</summary>
public readonly record struct SmsConcatenation(int Reference, int Count, int Sequence);

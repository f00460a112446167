namespace Appliance.Telephony.Voicemail;

/// <summary>Where recorded voicemails are kept. Called from a call's mailbox; must be thread safe.</summary>
public interface IVoicemailBox
{
    /// <summary>Stores the message and returns how many unheard messages its mailbox now holds.</summary>
    int Save(VoicemailMessage message);
}

namespace Appliance.Media.Recording;

/// <summary>
/// Where finished recordings are listed (the database in the service). A recorder calls
/// <see cref="Add"/> once, after its file has been synced to the disk, from the thread that
/// closed it; an implementation makes the entry durable before it returns and may throw, which
/// the recorder logs as an Error (the file stays).
/// </summary>
public interface IRecordingIndex
{
    void Add(RecordingSummary recording);
}

using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Credential = Platform.Assessment.Module.Domain.Credential;
using ExamResult = Platform.Assessment.Module.Domain.ExamResult;
using StudySession = Platform.Assessment.Module.Domain.StudySession;
using TrainingClass = Platform.Assessment.Module.Domain.TrainingClass;

namespace Platform.Assessment.Module.Infrastructure.Configurations;

/// <summary>Study sessions, reminders, training classes, exam results and enforcement credentials.</summary>
internal sealed class QualificationConfiguration
    : IEntityTypeConfiguration<StudySession>, IEntityTypeConfiguration<StudyReminder>, IEntityTypeConfiguration<TrainingClass>,
      IEntityTypeConfiguration<ExamResult>, IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<StudySession> session)
    {
        session.ToTable("study_sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).ValueGeneratedNever();
        session.Property(s => s.Topic).HasMaxLength(300);
        session.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
        session.PrimitiveCollection(s => s.AttendeeIds);
        session.ComplexProperty(s => s.Recorded).MapAudit("recorded");
        session.HasIndex(s => new { s.UnitId, s.Date });
    }

    public void Configure(EntityTypeBuilder<StudyReminder> reminder)
    {
        reminder.ToTable("study_reminders");
        reminder.HasKey(r => r.Id);
        reminder.Property(r => r.Id).ValueGeneratedNever();
        reminder.ComplexProperty(r => r.Sent).MapAudit("sent");
        // Once per unit, year and expected count, even if two checks run at once.
        reminder.HasIndex(r => new { r.Year, r.UnitId, r.ExpectedByNow }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<TrainingClass> training)
    {
        training.ToTable("training_classes");
        training.HasKey(t => t.Id);
        training.Property(t => t.Id).ValueGeneratedNever();
        training.Property(t => t.Title).HasMaxLength(300);
        training.OwnsMany(t => t.Attendance, attendance => attendance.ToJson("attendance"));
        training.ComplexProperty(t => t.Recorded).MapAudit("recorded");
    }

    public void Configure(EntityTypeBuilder<ExamResult> exam)
    {
        exam.ToTable("exam_results");
        exam.HasKey(e => e.Id);
        exam.Property(e => e.Id).ValueGeneratedNever();
        exam.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        exam.Property(e => e.Score).HasPrecision(5, 1);
        exam.Property(e => e.PassMark).HasPrecision(5, 1);
        exam.Ignore(e => e.Passed);
        exam.ComplexProperty(e => e.Recorded).MapAudit("recorded");
        exam.HasIndex(e => e.PersonId);
    }

    public void Configure(EntityTypeBuilder<Credential> credential)
    {
        credential.ToTable("credentials");
        credential.HasKey(c => c.Id);
        credential.Property(c => c.Id).ValueGeneratedNever();
        credential.Property(c => c.Number).HasMaxLength(50);
        credential.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        credential.Property(c => c.SuspensionReason).HasMaxLength(1000);
        credential.Property(c => c.RevocationReason).HasMaxLength(1000);
        credential.OwnsMany(c => c.Suspensions, suspension => suspension.ToJson("suspensions"));
        credential.ComplexProperty(c => c.Issued).MapAudit("issued");
        credential.ComplexProperty(c => c.Changed).MapAudit("changed");
        credential.Property(c => c.Version).IsConcurrencyToken();
        credential.Property(c => c.NumberKey).HasMaxLength(100);
        // Numbers are unique as compared (trimmed, NFKC, case folded), whoever saves first.
        credential.HasIndex(c => c.NumberKey).IsUnique();
        credential.HasIndex(c => c.Number);
        credential.HasIndex(c => c.PersonId);
    }
}

namespace Practice.Simulation.Kernel;

/// <summary>
/// The future of the run: a binary min-heap of callbacks ordered by (virtual time, sequence number).
/// </summary>
/// <remarks>
/// The sequence number breaks ties in insertion order, so two events at the same millisecond always
/// run in the order they were scheduled. That, plus a seeded random source, is what makes a run
/// reproducible byte for byte.
/// </remarks>
internal sealed class EventQueue
{
    private struct Entry
    {
        public long Time;
        public long Sequence;
        public Action Callback;
    }

    private Entry[] heap = new Entry[1024];
    private int count;
    private long nextSequence;

    public int Count => count;

    public void Push(long time, Action callback)
    {
        if (count == heap.Length)
        {
            Array.Resize(ref heap, heap.Length * 2);
        }
        var entry = new Entry { Time = time, Sequence = nextSequence++, Callback = callback };
        var i = count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Less(entry, heap[parent]))
            {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = entry;
    }

    public long PeekTime => heap[0].Time;

    public Action Pop(out long time)
    {
        var top = heap[0];
        time = top.Time;
        var last = heap[--count];
        heap[count] = default;
        if (count > 0)
        {
            var i = 0;
            while (true)
            {
                var left = 2 * i + 1;
                if (left >= count)
                {
                    break;
                }
                var right = left + 1;
                var child = right < count && Less(heap[right], heap[left]) ? right : left;
                if (!Less(heap[child], last))
                {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = last;
        }
        return top.Callback;
    }

    private static bool Less(in Entry a, in Entry b) =>
        a.Time < b.Time || (a.Time == b.Time && a.Sequence < b.Sequence);
}

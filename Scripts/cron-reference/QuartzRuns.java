// QuartzRuns reads "expression<TAB>zone<TAB>start-unix-seconds<TAB>count" lines on stdin and
// prints Quartz 2.3.2's next run times: "ok<TAB>s1,s2,..." or "error<TAB>message".
// The expression is Quartz's own (seconds first); generate.py prefixes "0 " to a sync one.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronExpression;

public class QuartzRuns {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split("\t");
            try {
                CronExpression expression = new CronExpression(parts[0]);
                expression.setTimeZone(TimeZone.getTimeZone(parts[1]));
                Date current = new Date(Long.parseLong(parts[2]) * 1000L);
                int count = Integer.parseInt(parts[3]);
                StringBuilder runs = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    current = expression.getNextValidTimeAfter(current);
                    if (current == null) break;
                    if (runs.length() > 0) runs.append(',');
                    runs.append(current.getTime() / 1000L);
                }
                out.append("ok\t").append(runs).append('\n');
            } catch (Exception e) {
                out.append("error\t").append(String.valueOf(e.getMessage()).replace('\t', ' ').replace('\n', ' ')).append('\n');
            }
        }
        System.out.print(out);
    }
}

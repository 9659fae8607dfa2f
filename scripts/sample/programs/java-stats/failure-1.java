public class Main {
    public static void main(String[] args) {
        double[] samples = null;
        double sum = 0;
        for (double x : samples) sum += x;
        double mean = sum / samples.length;
        double squared = 0;
        for (double x : samples) squared += (x - mean) * (x - mean);
        double std = Math.sqrt(squared / (samples.length - 1));
        System.out.printf("n = %d%n", samples.length);
        System.out.printf("mean = %.4f%n", mean);
        System.out.printf("sample std = %.4f%n", std);
    }
}

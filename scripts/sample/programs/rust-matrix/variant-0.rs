fn multiply(a: [[f64; 2]; 2], b: [[f64; 2]; 2]) -> [[f64; 2]; 2] {
    let mut out = [[0.0; 2]; 2];
    for i in 0..2 {
        for j in 0..2 {
            for k in 0..2 {
                out[i][j] += a[i][k] * b[k][j];
            }
        }
    }
    out
}

fn main() {
    let rotation = [[0.0, -1.0], [1.0, 0.0]];
    let scale = [[2.0, 0.0], [0.0, 0.5]];
    let product = multiply(rotation, scale);
    for row in product.iter() {
        println!("[{:6.2}, {:6.2}]", row[0], row[1]);
    }
    let four = multiply(multiply(rotation, rotation), multiply(rotation, rotation));
    println!("rotation^4 = {:?}", four);
}

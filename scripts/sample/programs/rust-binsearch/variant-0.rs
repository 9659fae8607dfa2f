fn binary_search(items: &[i32], target: i32) -> Option<usize> {
    let (mut lo, mut hi) = (0usize, items.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if items[mid] == target {
            return Some(mid);
        } else if items[mid] < target {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    None
}

fn main() {
    let items = [1, 3, 5, 7, 9, 11, 13];
    for target in [7, 1, 13, 4] {
        match binary_search(&items, target) {
            Some(i) => println!("{} found at index {}", target, i),
            None => println!("{} not found", target),
        }
    }
}
